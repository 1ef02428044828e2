using System.Text;
using PipelineGuard.Testing;

namespace PipelineGuard.Core.Tests.Sbom.Image;

/// <summary>Package databases for the test images, with the purls the SBOM must contain for them.</summary>
internal static class TestDistributions
{
    public const string DebianOsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n";

    public const string AlpineOsRelease = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\nHOME_URL=\"https://alpinelinux.org/\"\n";

    /// <summary>A dpkg status with <paramref name="count"/> installed packages, one removed (config-files only) and one half-written paragraph.</summary>
    public static (string Status, List<string> Purls) DpkgStatus(int count)
    {
        var text = new StringBuilder();
        var purls = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"pkg{i:D3}";
            var version = i % 10 == 0 ? $"1:{i}.0-{i % 3}" : $"{i}.{i % 7}-{i % 5}+deb12u1";
            var arch = i % 4 == 0 ? "all" : "amd64";
            text.Append($"Package: {name}\nStatus: install ok installed\nPriority: optional\nSection: libs\nInstalled-Size: {i * 3}\n");
            text.Append($"Maintainer: Debian Team <team{i}@example.org>\nArchitecture: {arch}\n");
            if (i % 3 == 0)
            {
                text.Append($"Source: src{i:D3} ({version})\n");
            }

            text.Append($"Version: {version}\nDepends: libc6 (>= 2.34)\nDescription: test package {i}\n second line of the description\n .\n more text\n\n");
            var upstream = i % 3 == 0 ? $"&upstream=src{i:D3}" : string.Empty;
            purls.Add($"pkg:deb/debian/{name}@{version.Replace("+", "%2B", StringComparison.Ordinal)}?arch={arch}&distro=debian-12{upstream}");
        }

        text.Append("Package: removed-pkg\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n\n");
        text.Append("Package: no-version\nStatus: install ok installed\n\n");
        return (text.ToString(), purls);
    }

    public const string ApkInstalled = """
        C:Q1abcdefghijklmnopqrstuvwxyz0=
        P:musl
        V:1.2.5-r0
        A:x86_64
        S:411605
        I:647168
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Natanael Copa <ncopa@alpinelinux.org>
        F:lib
        R:ld-musl-x86_64.so.1

        P:busybox
        V:1.36.1-r29
        A:x86_64
        T:Size optimized toolbox of many common UNIX utilities
        L:GPL-2.0-only
        o:busybox

        P:libcrypto3
        V:3.3.2-r0
        A:x86_64
        T:Crypto library from openssl
        L:Apache-2.0
        o:openssl

        P:ca-certificates-bundle
        V:20240705-r0
        A:x86_64
        L:MPL-2.0 AND MIT
        o:ca-certificates

        P:scanelf
        V:1.3.7-r2
        A:x86_64
        L:GPL-2.0 license-ref-odd
        o:pax-utils

        """;

    public static readonly string[] ApkPurls =
    [
        "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3",
        "pkg:apk/alpine/ca-certificates-bundle@20240705-r0?arch=x86_64&distro=alpine-3.20.3&upstream=ca-certificates",
        "pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3&upstream=openssl",
        "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3",
        "pkg:apk/alpine/scanelf@1.3.7-r2?arch=x86_64&distro=alpine-3.20.3&upstream=pax-utils",
    ];

    public static string StatusD(string name, string version, string arch = "amd64", string? source = null)
        => $"Package: {name}\nVersion: {version}\nArchitecture: {arch}\n{(source is null ? string.Empty : $"Source: {source}\n")}Maintainer: Distroless <d@example.org>\nDescription: {name}\n";

    public const string DepsJson = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v8.0" },
          "targets": { ".NETCoreApp,Version=v8.0": {} },
          "libraries": {
            "Sample.Api/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "Newtonsoft.Json/13.0.3": { "type": "package", "serviceable": true, "sha512": "sha512-HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ==", "path": "newtonsoft.json/13.0.3" },
            "Serilog/3.1.1": { "type": "package", "serviceable": true, "sha512": "sha512-P6G4/4Kt9bT635bhuwdXlJ2SCqqn2nhh4gqFqQueCOr9bK/e7W9ll/IoX1Ter948cV2Z/5+5v8pAfJYUISY03A==", "path": "serilog/3.1.1" }
          }
        }
        """;

    public static readonly string[] DepsPurls = ["pkg:nuget/Newtonsoft.Json@13.0.3", "pkg:nuget/Serilog@3.1.1"];

    public static LayerEntry[] DebianBase(string status) =>
    [
        LayerEntry.Directory("etc"),
        LayerEntry.Symlink("etc/os-release", "../usr/lib/os-release"),
        LayerEntry.File("usr/lib/os-release", DebianOsRelease),
        LayerEntry.File("var/lib/dpkg/status", status),
        LayerEntry.File("usr/bin/true", new string('x', 3000)),
    ];
}
