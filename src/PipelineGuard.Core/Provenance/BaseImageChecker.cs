using PipelineGuard.Dockerfiles;

namespace PipelineGuard.Provenance;

/// <summary>The <c>check-base</c> capability: every <c>FROM</c> of every Dockerfile, resolved, verified and judged.</summary>
public static class BaseImageChecker
{
    /// <summary>Checks every Dockerfile of <paramref name="options"/>.</summary>
    public static async Task<CheckBaseResult> CheckAsync(CheckBaseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var collector = new ImageEvidenceCollector(options.Keys, options.Identities, ImageEvidenceCollector.RedirectsLimitedTo(options.Evidence, options.Rules.AllowedRegistries)) { Notation = options.Notation };
        var files = new List<DockerfileAssessment>();
        foreach (var path in options.Dockerfiles)
        {
            string text;
            try
            {
                text = await IO.InputFile.ReadAllTextAsync(path, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files.Add(new DockerfileAssessment(path, [], $"cannot read {path}: {e.Message}"));
                continue;
            }

            files.Add(await CheckTextAsync(text, path, options, collector, cancellationToken));
        }

        return new CheckBaseResult(files);
    }

    /// <summary>Checks the base images of one Dockerfile's text.</summary>
    public static async Task<DockerfileAssessment> CheckTextAsync(string text, string path, CheckBaseOptions options, ImageEvidenceCollector collector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(collector);
        var syntax = DockerfileParser.Parse(text, path);
        if (!syntax.IsValid)
        {
            var first = syntax.Diagnostics[0];
            return new DockerfileAssessment(path, [], $"{path}:{first.Span.Line}: {first.Message}");
        }

        var images = new List<BaseImageAssessment>();
        foreach (var image in DockerfileBaseImages.List(syntax, path))
        {
            BaseImageFacts facts;
            if (image.Reference is null)
            {
                facts = image.Facts;
            }
            else if (options.Rules.AllowedRegistries.Count > 0 && !WildcardPattern.IsMatchAny(options.Rules.AllowedRegistries, image.Facts.Registry))
            {
                // A registry the policy does not allow is never contacted: its answers could not be trusted anyway.
                facts = image.Facts with { ResolutionError = $"registry {image.Facts.Registry} is not allowed, so it was not contacted" };
            }
            else
            {
                facts = await collector.CollectAsync(image.Facts, options.Rules, cancellationToken);
            }

            images.Add(BaseImageEvaluator.Evaluate(options.Rules, facts, options.Now));
        }

        return new DockerfileAssessment(path, images, null);
    }
}
