using System.Text.RegularExpressions;

namespace RefineService.Api.Validation;

/// <summary>Builds the JSON paths that name fields in errors and warnings: <c>$.policies[0].document.Statement[1].Action[2]</c>.</summary>
internal static partial class JsonPath
{
    /// <summary>The path of the whole request body.</summary>
    public const string Root = "$";

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="path"/>; bracket notation when the name is not a plain word.</summary>
    public static string Property(string path, string name) =>
        PlainName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>
    /// The request path of an element whose path is relative to a part of the request: <c>$.Statement[1]</c> under
    /// <c>$.policy</c> is <c>$.policy.Statement[1]</c>; <c>$[0].actions[2]</c> under <c>$.unusedPermissions</c> is <c>$.unusedPermissions[0].actions[2]</c>.
    /// </summary>
    public static string Rebase(string relative, string under) =>
        relative.StartsWith(Root, StringComparison.Ordinal) ? under + relative[Root.Length..] : $"{under}.{relative}";

    /// <summary>A FluentValidation property path (<c>policies[0].kind</c>, empty for the body) as a JSON path.</summary>
    public static string FromPropertyPath(string propertyPath) =>
        propertyPath.Length == 0 ? Root : propertyPath.StartsWith(Root, StringComparison.Ordinal) ? propertyPath : $"{Root}.{propertyPath}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
