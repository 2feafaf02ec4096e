namespace RefineService.Api.Tests.Fixtures;

/// <summary>The service on a real Kestrel server at a random loopback port, for what only the server enforces (the body size limit).</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);
}
