using Xunit;

namespace Hello.Tests;

public class GreeterTests
{
    [Fact]
    public void Greets_by_name() => Assert.Equal("Hello, Ada!", Greeter.Greet("Ada"));
}
