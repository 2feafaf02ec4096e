namespace RefineService.Api.Catalog;

/// <summary>The service cannot start: its action catalog could not be read, and <see cref="CatalogLoader"/> has logged why.</summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException()
    {
    }

    public CatalogUnavailableException(string message)
        : base(message)
    {
    }

    public CatalogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
