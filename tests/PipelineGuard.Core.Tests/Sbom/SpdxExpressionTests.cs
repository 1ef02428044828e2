using Xunit;
using PipelineGuard.Sbom;

namespace PipelineGuard.Core.Tests.Sbom;

public class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT")]
    [InlineData("MIT OR Apache-2.0")]
    [InlineData("(MIT AND BSD-3-Clause) OR Apache-2.0")]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("LicenseRef-Proprietary")]
    [InlineData("GPL-2.0+")]
    public void Valid_expressions(string expression) => Assert.True(SpdxExpression.IsValid(expression));

    [Theory]
    [InlineData("")]
    [InlineData("MIT OR")]
    [InlineData("Not-A-License")]
    [InlineData("(MIT")]
    [InlineData("MIT and Apache-2.0 garbage")]
    [InlineData("MIT, Apache-2.0")]
    public void Invalid_expressions(string expression) => Assert.False(SpdxExpression.IsValid(expression));

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("Apache-2.0", true)]
    [InlineData("MIT OR Apache-2.0", false)]
    [InlineData("GPL-2.0+", false)]
    [InlineData("Classpath-exception-2.0", false)]
    [InlineData("Nope", false)]
    public void Single_ids(string expression, bool single) => Assert.Equal(single, SpdxExpression.IsSingleId(expression));
}
