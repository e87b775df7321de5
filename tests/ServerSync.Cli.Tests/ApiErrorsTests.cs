using ServerSync.Cli.Api;

namespace ServerSync.Cli.Tests;

public sealed class ApiErrorsTests
{
    [Fact]
    public void The_web_api_error_shape_gives_message_and_code()
    {
        Assert.Equal(("No such row.", "0x80040217"), ApiErrors.Parse("""{"error":{"code":"0x80040217","message":"No such row."}}"""));
    }

    [Fact]
    public void The_oauth_error_shape_gives_description_and_error()
    {
        Assert.Equal(("Bad password.", "invalid_grant"), ApiErrors.Parse("""{"error":"invalid_grant","error_description":"Bad password."}"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"message":"x"}""")]
    [InlineData("[1,2]")]
    public void Anything_else_is_not_an_error_body(string body)
    {
        Assert.Null(ApiErrors.Parse(body));
    }

    [Fact]
    public void Error_lines_are_always_one_line()
    {
        var e = CliException.Refused("first line\r\nsecond line\n", "0x1");
        Assert.Equal("error: first line second line (0x1)", e.ToErrorLine());
    }
}
