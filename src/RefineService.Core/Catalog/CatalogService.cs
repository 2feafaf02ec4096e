namespace RefineService.Core.Catalog;

/// <summary>One AWS service of the catalog: its prefix, display name and the range of its actions.</summary>
/// <param name="Prefix">The service prefix, lower case, e.g. <c>s3</c>.</param>
/// <param name="Name">The display name, e.g. <c>Amazon S3</c>.</param>
/// <param name="FirstAction">Catalog index of the service's first action.</param>
/// <param name="ActionCount">How many actions the service has.</param>
public sealed record CatalogService(string Prefix, string Name, int FirstAction, int ActionCount);
