using System.Text.Json;

namespace RefineService.Api.Contracts;

/// <summary>A value of the request that does not fit the contract, with a sentence saying what would; the serializer adds its path.</summary>
public sealed class ContractValueException : JsonException
{
    public ContractValueException()
    {
    }

    public ContractValueException(string message)
        : base(message)
    {
    }

    public ContractValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
