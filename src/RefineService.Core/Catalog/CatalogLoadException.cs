namespace RefineService.Core.Catalog;

/// <summary>The catalog data could not be read: missing, not gzip or JSON, or not of the catalog's shape.</summary>
public sealed class CatalogLoadException : Exception
{
    public CatalogLoadException()
    {
    }

    public CatalogLoadException(string message)
        : base(message)
    {
    }

    public CatalogLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
