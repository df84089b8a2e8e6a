using FedAvg.Common.Http;

namespace FedAvg.Common.Tests.Http;

public sealed class PageTokenTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("{\"partition\":\"3f\",\"row\":\"x y\"}")]
    [InlineData("ünïcödé/+=")]
    public void A_token_decodes_to_the_backend_token_it_was_made_from(string backend)
    {
        string token = PageToken.Encode(backend);

        Assert.Equal(backend, PageToken.Decode(token));
        Assert.DoesNotContain(token, c => c is '+' or '/' or '=');
    }

    [Fact]
    public void A_backend_token_passed_as_is_or_altered_anywhere_is_refused()
    {
        const string backend = "next-partition-key-0042";
        string token = PageToken.Encode(backend);

        Assert.Null(PageToken.Decode(backend));
        Assert.Null(PageToken.Decode(token[..^1]));
        Assert.Null(PageToken.Decode(token + "A"));
        byte[] bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        for (int at = 0; at < bytes.Length; at++)
        {
            byte[] altered = [.. bytes];
            altered[at] ^= 0x01;
            Assert.Null(PageToken.Decode(System.Buffers.Text.Base64Url.EncodeToString(altered)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA")]
    public void Strings_that_are_no_token_are_refused(string token) => Assert.Null(PageToken.Decode(token));

    [Fact]
    public void An_overlong_token_is_refused_unread() => Assert.Null(PageToken.Decode(new string('A', PageToken.MaxLength + 1)));
}
