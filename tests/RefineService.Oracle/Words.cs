using System.Text.RegularExpressions;

namespace RefineService.Oracle;

/// <summary>Where the words of an action name end, as the documentation states the rule: a capital after a lower-case letter or a digit starts a word, and so does the last capital of a run when lower case follows.</summary>
public static partial class Words
{
    /// <summary>Every prefix of a catalog action that ends at a word boundary, and every <c>service:</c>, lower case: the nodes of the trie the engine must walk.</summary>
    public static HashSet<string> TrieNodes(OracleCatalog catalog)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spelled in catalog.Spelled)
        {
            var colon = spelled.IndexOf(':', StringComparison.Ordinal);
            nodes.Add(spelled[..(colon + 1)].ToLowerInvariant());
            var name = spelled[(colon + 1)..];
            foreach (Match boundary in Boundary().Matches(name))
            {
                if (boundary.Index > 0)
                {
                    nodes.Add(spelled[..(colon + 1 + boundary.Index)].ToLowerInvariant());
                }
            }

            nodes.Add(spelled.ToLowerInvariant());
        }

        return nodes;
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
