namespace PipelineGuard.Sbom.Image;

/// <summary>How far an image scan has come: the layer being read and how many of its (compressed) bytes are in.</summary>
/// <param name="LayerIndex">The layer, counted from 0 (the base layer).</param>
/// <param name="LayerCount">How many layers the image has.</param>
/// <param name="LayerDigest">The layer's digest.</param>
/// <param name="BytesRead">Bytes of the layer blob read so far.</param>
/// <param name="LayerSize">The layer blob's size from the manifest.</param>
public sealed record ImageScanProgress(int LayerIndex, int LayerCount, string LayerDigest, long BytesRead, long LayerSize)
{
    /// <summary>Whether the whole layer has been read.</summary>
    public bool IsLayerDone => BytesRead >= LayerSize;
}
