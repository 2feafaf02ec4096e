namespace RefineService.Core.Refinement;

/// <summary>One node of the trie that chose a wildcard's replacements, as visited: what a picture of the trie is drawn from.</summary>
/// <param name="Prefix">The candidate prefix, e.g. <c>s3:GetObject</c>.</param>
/// <param name="Parent">The index of its parent among the nodes visited, or -1 for the root.</param>
/// <param name="Safe">Whether every catalog action it covers is kept, so that it may be written as a prefix.</param>
/// <param name="Emitted">The entry written for it, if one was: its prefix with <c>*</c>, or an action in full.</param>
public sealed record TrieNode(string Prefix, int Parent, bool Safe, string? Emitted = null);
