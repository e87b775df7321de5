using ServerSync.Domain.Activities;

namespace ServerSync.Domain.Tests.Activities;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\0b\0", "ab")]
    [InlineData("\0", "")]
    [InlineData("smile \U0001F600 kept", "smile \U0001F600 kept")]
    public void Clean_drops_nuls_and_keeps_valid_text(string value, string expected) => Assert.Equal(expected, StoredText.Clean(value));

    // Attribute arguments are stored as UTF-8, which cannot carry a lone surrogate; these are built at run time.
    [Fact]
    public void Clean_replaces_lone_surrogates()
    {
        const char high = '\uD83D', low = '\uDE00';
        Assert.Equal("lone \uFFFD high", StoredText.Clean("lone " + high + " high"));
        Assert.Equal("lone \uFFFD low", StoredText.Clean("lone " + low + " low"));
        Assert.Equal("ends high \uFFFD", StoredText.Clean("ends high " + high));
        Assert.Equal("low first \uFFFD\uFFFD", StoredText.Clean("low first " + low + high));
        Assert.Equal("a\uFFFDb", StoredText.Clean("a\0" + high + "\0b"));
    }

    [Fact]
    public void Clean_returns_clean_text_itself_and_null_as_null()
    {
        var text = "nothing to do";
        Assert.Same(text, StoredText.Clean(text));
        Assert.Null(StoredText.Clean(null));
    }

    [Theory]
    [InlineData("abcdef", 4, "abcd")]
    [InlineData("abc", 4, "abc")]
    [InlineData("abc\U0001F600", 4, "abc")] // the pair would be cut in two
    [InlineData("ab\U0001F600", 4, "ab\U0001F600")]
    [InlineData("a\0b\0cdef", 4, "abcd")] // cleaned first, then cut
    public void Cut_never_splits_a_surrogate_pair(string value, int max, string expected) => Assert.Equal(expected, StoredText.Cut(value, max));
}
