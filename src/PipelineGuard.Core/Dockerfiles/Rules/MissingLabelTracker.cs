namespace PipelineGuard.Dockerfiles.Rules;

/// <summary>
/// DL3049 as hadolint decides it, per label of the label schema. Every stage starts "missing" the label unless it is
/// built <c>FROM</c> the alias of a stage that has it. A stage that sets the label has it. A missing stage is let off
/// when a later <c>COPY --from=&lt;its alias&gt;</c> takes files from it, or when a stage named like its alias (by
/// alias, or by image name when it has none) sets the label. What is still missing at the end is reported at the
/// stage's FROM. Names compare exactly; <c>FROM</c> images compare by name without registry, tag or digest.
/// Each step costs time proportional to the number of labels, so the whole pass stays linear.
/// </summary>
internal sealed class MissingLabelTracker
{
    private readonly string[] _labels;
    private readonly HashSet<string>[] _goodAliases;
    private readonly HashSet<int>[] _missing;
    private readonly Dictionary<string, List<int>>[] _missingByAlias;
    private readonly List<string?> _stageAliases = [];
    private int _current = -1;
    private string _currentName = string.Empty;

    public MissingLabelTracker(IEnumerable<string> labels)
    {
        _labels = labels.Order(StringComparer.Ordinal).ToArray();
        _goodAliases = new HashSet<string>[_labels.Length];
        _missing = new HashSet<int>[_labels.Length];
        _missingByAlias = new Dictionary<string, List<int>>[_labels.Length];
        for (var i = 0; i < _labels.Length; i++)
        {
            _goodAliases[i] = new HashSet<string>(StringComparer.Ordinal);
            _missing[i] = [];
            _missingByAlias[i] = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        }
    }

    public void StartStage(string? alias, string imageName)
    {
        _current = _stageAliases.Count;
        _stageAliases.Add(alias);
        _currentName = alias ?? imageName;
        for (var i = 0; i < _labels.Length; i++)
        {
            if (_goodAliases[i].Contains(imageName))
            {
                MarkGood(i);
                continue;
            }

            _missing[i].Add(_current);
            if (alias is not null)
            {
                if (!_missingByAlias[i].TryGetValue(alias, out var list))
                {
                    _missingByAlias[i][alias] = list = [];
                }

                list.Add(_current);
            }
        }
    }

    /// <summary>A <c>COPY --from=<paramref name="source"/></c>: stages with that alias still missing a label are let off.</summary>
    public void CopyFrom(string source)
    {
        if (_current < 0)
        {
            return;
        }

        for (var i = 0; i < _labels.Length; i++)
        {
            LetOff(i, source);
        }
    }

    /// <summary>A <c>LABEL</c> in the current stage setting <paramref name="key"/>.</summary>
    public void Label(string key)
    {
        if (_current < 0)
        {
            return;
        }

        var i = Array.BinarySearch(_labels, key, StringComparer.Ordinal);
        if (i < 0)
        {
            return;
        }

        LetOff(i, _currentName);
        MarkGood(i);
    }

    /// <summary>The stages (by index) still missing each label, labels in ordinal order.</summary>
    public IEnumerable<(int Stage, string Label)> Missing()
    {
        for (var i = 0; i < _labels.Length; i++)
        {
            foreach (var stage in _missing[i].Order())
            {
                yield return (stage, _labels[i]);
            }
        }
    }

    private void MarkGood(int label)
    {
        _missing[label].Remove(_current);
        if (_stageAliases[_current] is { } alias)
        {
            _goodAliases[label].Add(alias);
        }
    }

    private void LetOff(int label, string alias)
    {
        if (_missingByAlias[label].Remove(alias, out var stages))
        {
            foreach (var stage in stages)
            {
                _missing[label].Remove(stage);
            }
        }
    }
}
