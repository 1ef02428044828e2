namespace PipelineGuard.Signing;

/// <summary>
/// Strict DER reading of an ECDSA signature (<c>SEQUENCE { INTEGER r, INTEGER s }</c>), as Go's verifier reads it:
/// minimal lengths and integers, positive non-zero values, no trailing bytes. BER variants are rejected with a reason.
/// </summary>
public static class DerEcdsaSignature
{
    /// <summary>Converts a DER signature to the fixed-width <c>r || s</c> form for a curve of <paramref name="fieldSize"/> bytes.</summary>
    public static SigningResult<byte[]> ToFixedWidth(ReadOnlySpan<byte> der, int fieldSize)
    {
        if (der.Length < 8)
        {
            return SigningResult<byte[]>.Failure($"signature is {der.Length} bytes, too short for a DER ECDSA signature");
        }

        if (der[0] != 0x30)
        {
            return SigningResult<byte[]>.Failure($"signature does not start with a DER SEQUENCE (tag 0x{der[0]:x2}); raw r||s or another encoding is not accepted");
        }

        var offset = 1;
        if (!TryReadLength(der, ref offset, out var sequenceLength, out var lengthError))
        {
            return SigningResult<byte[]>.Failure("signature SEQUENCE " + lengthError);
        }

        if (offset + sequenceLength != der.Length)
        {
            return SigningResult<byte[]>.Failure(offset + sequenceLength < der.Length
                ? $"signature has {der.Length - offset - sequenceLength} trailing bytes after the DER SEQUENCE"
                : "signature SEQUENCE length runs past the end of the signature");
        }

        var output = new byte[fieldSize * 2];
        foreach (var (name, slot) in new[] { ("r", 0), ("s", fieldSize) })
        {
            if (offset >= der.Length || der[offset] != 0x02)
            {
                return SigningResult<byte[]>.Failure($"signature {name} is not a DER INTEGER");
            }

            offset++;
            if (!TryReadLength(der, ref offset, out var length, out lengthError))
            {
                return SigningResult<byte[]>.Failure($"signature {name} INTEGER " + lengthError);
            }

            if (length == 0 || offset + length > der.Length)
            {
                return SigningResult<byte[]>.Failure($"signature {name} INTEGER has an invalid length {length}");
            }

            var value = der.Slice(offset, length);
            offset += length;
            if ((value[0] & 0x80) != 0)
            {
                return SigningResult<byte[]>.Failure($"signature {name} is negative");
            }

            if (value.Length > 1 && value[0] == 0 && (value[1] & 0x80) == 0)
            {
                return SigningResult<byte[]>.Failure($"signature {name} INTEGER is not minimally encoded (leading zero byte)");
            }

            if (value[0] == 0)
            {
                value = value[1..];
            }

            if (value.Length > fieldSize)
            {
                return SigningResult<byte[]>.Failure($"signature {name} is {value.Length} bytes, larger than the curve order");
            }

            if (value.IndexOfAnyExcept((byte)0) < 0)
            {
                return SigningResult<byte[]>.Failure($"signature {name} is zero");
            }

            value.CopyTo(output.AsSpan(slot + fieldSize - value.Length));
        }

        if (offset != der.Length)
        {
            return SigningResult<byte[]>.Failure("signature SEQUENCE holds more than r and s");
        }

        return SigningResult<byte[]>.Success(output);
    }

    private static bool TryReadLength(ReadOnlySpan<byte> der, ref int offset, out int length, out string error)
    {
        length = 0;
        error = string.Empty;
        if (offset >= der.Length)
        {
            error = "length is missing";
            return false;
        }

        var first = der[offset++];
        if (first < 0x80)
        {
            length = first;
            return true;
        }

        if (first != 0x81)
        {
            error = first == 0x80 ? "uses the indefinite length form (BER, not DER)" : "length is longer than any ECDSA signature needs";
            return false;
        }

        if (offset >= der.Length)
        {
            error = "length is truncated";
            return false;
        }

        length = der[offset++];
        if (length < 0x80)
        {
            error = "length is not minimally encoded (long form for a short length)";
            return false;
        }

        return true;
    }
}
