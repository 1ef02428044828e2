using PipelineGuard.Dockerfiles;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

/// <summary>
/// Cases derived from hadolint v2.15.1's rule definitions and its <c>*Spec.hs</c> files, run under the default
/// configuration: many are stage-less snippets, as hadolint's specs write them. Each row says whether hadolint reports
/// the rule. Rules off by default are switched on for their rows (as the specs' configuration does).
/// </summary>
public class HadolintSpecTests
{
    private static readonly (string Code, bool Fires, string Dockerfile)[] Cases =
    [
        // DL3002: last USER of the last stage should not be root.
        ("DL3002", true, "FROM scratch\nUSER root\n"),
        ("DL3002", false, "FROM scratch\nUSER root\nUSER foo\n"),
        ("DL3002", false, "FROM scratch AS builder\nUSER root\nFROM scratch\nUSER foo\n"),

        // DL3006: untagged image; hadolint reads the image as written and skips only names starting with `$`.
        ("DL3006", true, "FROM debian"),
        ("DL3006", true, "FROM debian AS builder"),
        ("DL3006", false, "FROM ruby@sha256:f1dbca0f5dbc9"),
        ("DL3006", false, "FROM ruby:2"),
        ("DL3006", false, "FROM ${VALUE}"),
        ("DL3006", false, "ARG IMAGE=alpine\nFROM ${IMAGE}\n"),
        ("DL3006", true, "ARG TAG=3.20\nFROM alpine$TAG\n"),
        ("DL3006", false, "ARG TAG=3.20\nFROM alpine:$TAG\n"),
        ("DL3006", false, "FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM build as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz\n"),
        ("DL3006", true, "FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM node as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz\n"),
        ("DL3006", false, "FROM scratch"),

        // DL3007: the `latest` tag.
        ("DL3007", true, "FROM debian:latest"),
        ("DL3007", true, "FROM debian:latest AS builder"),
        ("DL3007", false, "FROM debian:jessie"),
        ("DL3007", false, "FROM debian@sha256:abcdef"),

        // DL3009: apt-get update without removing the lists.
        ("DL3009", true, "RUN apt-get update && apt-get install python"),
        ("DL3009", false, "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*"),
        ("DL3009", false, "RUN apt-get update && apt-get install python && apt-get clean && rm -rf /var/lib/apt/lists/*"),
        ("DL3009", true, "FROM ubuntu\nRUN apt-get update && apt-get install python\n"),

        // DL3013: pip pinning.
        ("DL3013", true, "RUN pip2 install MySQL_python"),
        ("DL3013", true, "RUN pip install MySQL_python"),
        ("DL3013", false, "RUN pip3 install MySQL_python==1.2.2"),
        ("DL3013", false, "RUN pip3 install mypkg.whl"),
        ("DL3013", false, "RUN pip3 install mypkg.tar.gz"),
        ("DL3013", false, "RUN pip install -r requirements.txt"),
        ("DL3013", false, "RUN pip install --requirement requirements.txt"),
        ("DL3013", false, "RUN pip install ."),
        ("DL3013", false, "RUN pip install MySQL_python~=1.2.2"),
        ("DL3013", false, "RUN pip install MySQL_python===1.2.2"),
        ("DL3013", false, "RUN pip install --ignore-installed MySQL_python==1.2.2"),
        ("DL3013", false, "RUN pip3 install --build /opt/yamllint yamllint==1.20.0"),
        ("DL3013", false, "RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0"),
        ("DL3013", false, "RUN pip3 install --root /opt/yamllint yamllint==1.20.0"),
        ("DL3013", false, "RUN pip3 install --target /opt/yamllint yamllint==1.20.0"),
        ("DL3013", false, "RUN pip3 install --trusted-host host example==1.2.2"),
        ("DL3013", false, "RUN python -m pip install example==1.2.2"),
        ("DL3013", true, "RUN python -m pip install example"),
        ("DL3013", true, "RUN python -m pip install --index-url url example"),
        ("DL3013", false, "RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext"),
        ("DL3013", true, "RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext"),
        ("DL3013", false, "RUN pip install 'alabaster>=0.7'"),
        ("DL3013", false, "RUN pip install 'alabaster<0.7'"),
        ("DL3013", false, "RUN pip install 'alabaster!=0.7'"),
        ("DL3013", false, "RUN pip install MySQL_python==1.2.2 --user"),
        ("DL3013", false, "RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0"),
        ("DL3013", false, "RUN pip install pykafka --constraint http://foo.bar.baz"),
        ("DL3013", false, "RUN pip install pykafka -c http://foo.bar.baz"),

        // DL3016: npm pinning.
        ("DL3016", false, "RUN npm install"),
        ("DL3016", false, "RUN npm install --progress=false"),
        ("DL3016", false, "RUN npm install express@4.1.1"),
        ("DL3016", false, "RUN npm install @myorg/privatepackage@\">=0.1.0\""),
        ("DL3016", false, "RUN npm install express@\"4.1.1\" sax@0.1.1"),
        ("DL3016", false, "RUN npm install --global express@\"4.1.1\""),
        ("DL3016", false, "RUN npm install package-v1.2.3.tar"),
        ("DL3016", false, "RUN npm install package-v1.2.3.tgz"),
        ("DL3016", false, "RUN npm install /folder"),
        ("DL3016", false, "RUN npm install ../folder"),
        ("DL3016", false, "RUN npm install ~/folder"),
        ("DL3016", false, "RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27"),
        ("DL3016", false, "RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0"),
        ("DL3016", false, "RUN npm install git://github.com/npm/npm.git#v1.0.27"),
        ("DL3016", false, "RUN npm run --crazy install"),
        ("DL3016", true, "RUN npm install express"),
        ("DL3016", true, "RUN npm install @myorg/privatepackage"),
        ("DL3016", true, "RUN npm install express sax@0.1.1"),
        ("DL3016", true, "RUN npm install --global express"),
        ("DL3016", true, "RUN npm install git+ssh://git@github.com:npm/npm.git"),
        ("DL3016", true, "RUN npm install git+http://isaacs@github.com/npm/npm"),
        ("DL3016", true, "RUN npm install git+https://isaacs@github.com/npm/npm.git"),
        ("DL3016", true, "RUN npm install git://github.com/npm/npm.git"),
        ("DL3016", false, "RUN npm install --loglevel verbose sax@0.1.1"),
        ("DL3016", false, "RUN npm install --registry https://example.com sax@0.1.1"),
        ("DL3016", true, "RUN npm install --registry https://example.com express"),
        ("DL3016", true, "RUN npm install --registry=https://example.com express"),

        // DL3020: ADD only for archives and URLs (a zip is not extracted).
        ("DL3020", false, "ADD file.tar /usr/src/app/"),
        ("DL3020", false, "ADD file.gz /usr/src/app/"),
        ("DL3020", false, "ADD file.bz2 /usr/src/app/"),
        ("DL3020", false, "ADD file.xz /usr/src/app/"),
        ("DL3020", false, "ADD file.tgz /usr/src/app/"),
        ("DL3020", false, "ADD http://file.com /usr/src/app/"),
        ("DL3020", true, "ADD file /usr/src/app/"),
        ("DL3020", true, "ADD file.zip /usr/src/app/"),
        ("DL3020", false, "ADD \"file.tgz\" /usr/src/app/"),
        ("DL3020", false, "ADD \"http://file.com\" /usr/src/app/"),
        ("DL3020", true, "ADD \"file.zip\" /usr/src/app/"),

        // DL3028: gem pinning (`gem i` too; flags after `--` belong to the build).
        ("DL3028", true, "RUN gem i bundler"),
        ("DL3028", false, "RUN gem i bundler:1"),
        ("DL3028", true, "RUN gem i bunlder:1 nokogiri"),
        ("DL3028", false, "RUN gem i bunlder:1 nokogirii:1"),
        ("DL3028", true, "RUN gem install bundler"),
        ("DL3028", false, "RUN gem install bundler:1"),
        ("DL3028", false, "RUN gem install bundler -v '2.0.1'"),
        ("DL3028", false, "RUN gem install bundler --version '2.0.1'"),
        ("DL3028", false, "RUN gem install bundler --version='2.0.1'"),
        ("DL3028", false, "RUN gem install bundler:2.0.1 -- --use-system-libraries=true"),
        ("DL3028", false, "RUN gem install bundler:2.0.1 -- --use-system-libraries true"),
        ("DL3028", false, "RUN gem install bundler:2.0.1 --use-system-libraries=true"),

        // DL3040: `dnf clean all` after the install, by the same command (dnf or microdnf).
        ("DL3040", true, "RUN dnf install -y mariadb-10.4"),
        ("DL3040", true, "FROM fedora:40\nRUN dnf install mariadb-10.4\n"),
        ("DL3040", true, "RUN microdnf install -y mariadb-10.4"),
        ("DL3040", true, "RUN dnf install -y mariadb-10.4 && microdnf clean all"),
        ("DL3040", false, "RUN dnf install -y mariadb-10.4 && dnf clean all"),
        ("DL3040", false, "RUN microdnf install -y mariadb-10.4 && microdnf clean all"),
        ("DL3040", false, "RUN notdnf install mariadb"),
        ("DL3040", false, "RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*"),
        ("DL3040", false, "RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*"),
        ("DL3040", true, "RUN microdnf clean all && dnf install -y mariadb-10.4"),
        ("DL3040", true, "RUN dnf clean all && dnf install -y mariadb-10.4"),

        // DL3041: dnf version pinning.
        ("DL3041", true, "RUN dnf install -y tomcat && dnf clean all"),
        ("DL3041", true, "RUN microdnf install -y tomcat && microdnf clean all"),
        ("DL3041", true, "RUN dnf install -y rpm-sign && dnf clean all"),
        ("DL3041", false, "RUN dnf install -y tomcat-9.0.1 && dnf clean all"),
        ("DL3041", false, "RUN notdnf install tomcat"),
        ("DL3041", false, "RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all"),
        ("DL3041", false, "RUN dnf install -y gcc-c++-1.1.1"),
        ("DL3041", false, "RUN dnf install -y openssl-1:1.1.1k"),
        ("DL3041", true, "RUN dnf module install -y tomcat && dnf clean all"),
        ("DL3041", false, "RUN dnf module install -y tomcat:9 && dnf clean all"),
        ("DL3041", false, "RUN dnf install -y \"git-core-${GIT_VER}\" && dnf clean all"),
        ("DL3041", false, "RUN dnf install -y \"rpm-sign-${VERSION}\" && dnf clean all"),
        ("DL3041", false, "RUN dnf install -y tomcat-$VERSION && dnf clean all"),

        // DL3042: pip cache; pipx and pipenv are not pip; a truthy PIP_NO_CACHE_DIR (ENV, inline or export) silences it.
        ("DL3042", true, "RUN pip2 install MySQL_python"),
        ("DL3042", true, "RUN pip3 install MySQL_python"),
        ("DL3042", false, "RUN pip2 install MySQL_python --no-cache-dir"),
        ("DL3042", false, "RUN pip3 install --no-cache-dir MySQL_python"),
        ("DL3042", false, "RUN pipx install software"),
        ("DL3042", false, "RUN pipenv install library"),
        ("DL3042", false, "ENV PIP_NO_CACHE_DIR=1\nRUN pip install MySQL_python"),
        ("DL3042", false, "ENV PIP_NO_CACHE_DIR=on\nRUN pip install MySQL_python"),
        ("DL3042", false, "ENV PIP_NO_CACHE_DIR=yes\nRUN pip install MySQL_python"),
        ("DL3042", false, "ENV PIP_NO_CACHE_DIR=true\nRUN pip install MySQL_python"),
        ("DL3042", false, "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.0\n"),
        ("DL3042", false, "RUN PIP_NO_CACHE_DIR=1 pip install MySQL_python"),
        ("DL3042", false, "RUN PIP_NO_CACHE_DIR=on pip install MySQL_python"),
        ("DL3042", false, "RUN export PIP_NO_CACHE_DIR=yes && pip install MySQL_python"),
        ("DL3042", false, "RUN export PIP_NO_CACHE_DIR=true && pip install MySQL_python"),
        ("DL3042", true, "ENV PIP_NO_CACHE_DIR=0\nRUN pip install MySQL_python"),
        ("DL3042", true, "ENV PIP_NO_CACHE_DIR=off\nRUN pip install MySQL_python"),
        ("DL3042", true, "ENV PIP_NO_CACHE_DIR=no\nRUN pip install MySQL_python"),
        ("DL3042", true, "ENV PIP_NO_CACHE_DIR=false\nRUN pip install MySQL_python"),
        ("DL3042", true, "RUN PIP_NO_CACHE_DIR=0 pip install MySQL_python"),
        ("DL3042", true, "RUN PIP_NO_CACHE_DIR=off pip install MySQL_python"),
        ("DL3042", true, "RUN export PIP_NO_CACHE_DIR=no && pip install MySQL_python"),
        ("DL3042", true, "RUN export PIP_NO_CACHE_DIR=false && pip install MySQL_python"),
        ("DL3042", false, "FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n"),
        ("DL3042", true, "FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six\n"),

        // DL3059: consecutive RUNs, exempt when either chains commands.
        ("DL3059", false, "FROM debian:10"),
        ("DL3059", false, "RUN /foo.sh"),
        ("DL3059", false, "RUN /foo.sh\nWORKDIR /\nRUN /bar.sh"),
        ("DL3059", true, "RUN /foo.sh\nRUN /bar.sh"),
        ("DL3059", true, "RUN /foo.sh\n# a comment\nRUN /bar.sh"),
        ("DL3059", true, "RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh"),
        ("DL3059", false, "# a comment\nRUN /foo.sh"),
        ("DL3059", false, "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh"),
        ("DL3059", false, "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n"),
        ("DL3059", true, "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n"),
        ("DL3059", false, "RUN foo && bar\nRUN foobar\n"),
        ("DL3059", false, "RUN foo; bar\nRUN foobar\n"),
        ("DL3059", false, "RUN foobar\nRUN foo && bar\n"),
        ("DL3059", false, "RUN foobar\nRUN foo; bar\n"),
        ("DL3059", false, "RUN foo && bar\nRUN foo; bar\n"),
        ("DL3059", true, "RUN foo && bar\nRUN foo\nRUN bar\n"),

        // DL3062: go install / go get without a version (`@latest` is not one).
        ("DL3062", true, "RUN go install example.com/pkg"),
        ("DL3062", true, "RUN go install example.com/pkg@latest"),
        ("DL3062", true, "RUN go get example.com/pkg"),
        ("DL3062", false, "RUN go install example.com/pkg@v1.2.3"),
        ("DL3062", false, "RUN go get example.com/pkg@v1.2.3"),
        ("DL3062", false, "RUN go build ./..."),

        // DL3063 (hadolint 2.15): a stage name that BuildKit reserves.
        ("DL3063", true, "FROM foo:bar AS scratch"),
        ("DL3063", true, "FROM foo:bar AS context"),
        ("DL3063", false, "FROM foo:bar AS foobar"),
        ("DL3063", false, "FROM debian:12\nRUN true\n"),

        // DL4006: pipes need a SHELL of bash, zsh or ash with -o pipefail; case patterns are not pipes.
        ("DL4006", true, "FROM scratch\nRUN wget -O - https://some.site | wc -l > /number\n"),
        ("DL4006", false, "FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/bin/bash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/usr/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"/usr/local/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM scratch as build\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"),
        ("DL4006", true, "FROM scratch as build\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", true, "FROM scratch as build\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\nFROM scratch as build2\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", true, "FROM scratch as build\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\nSHELL [\"/bin/sh\", \"-c\"]\nRUN wget -O - https://some.site | wc -l file > /number\n"),
        ("DL4006", false, "FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ \"powershell.exe\" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"),
        ("DL4006", false, "FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ \"cmd.exe\", \"/c\" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"),
        ("DL4006", true, "FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x | tar -xz\n"),
        ("DL4006", false, "FROM debian:12\nRUN case \"$(uname -m)\" in x86_64|aarch64) echo ok ;; *) exit 1 ;; esac\n"),
        ("DL4006", false, "FROM debian:12\nRUN arch=\"$(uname -m)\"; \\\n    case \"$arch\" in \\\n      x86_64|amd64) a=x64 ;; \\\n      aarch64|arm64) a=arm64 ;; \\\n    esac; \\\n    echo $a\n"),
        ("DL4006", true, "FROM debian:12\nRUN case \"$x\" in a|b) echo ;; esac && curl -fsSL https://x | tar -xz\n"),
    ];

    public static TheoryData<string, bool, string> All()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var (code, fires, dockerfile) in Cases)
        {
            data.Add(code, fires, dockerfile);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Gives_hadolints_answer(string code, bool fires, string dockerfile)
    {
        var configuration = LintConfiguration.Default with { Overrides = new Dictionary<string, LintSeverity> { [code] = LintSeverity.Warning } };
        var findings = DockerfileLinter.Lint(dockerfile, "Dockerfile", configuration).Findings;
        var found = findings.Any(f => f.Code == code);
        Assert.True(found == fires, $"{code} should {(fires ? string.Empty : "not ")}fire on:\n{dockerfile}\nfound: {string.Join(", ", findings.Select(f => $"{f.Code}@{f.Line}"))}");
    }

    [Fact]
    public void DL3063_is_hadolints_reserved_stage_name_rule_at_warning()
    {
        var rule = LintRuleCatalog.Find("DL3063")!;
        Assert.Equal(LintSeverity.Warning, rule.DefaultSeverity);
        Assert.Equal("Stage name should not be a reserved word", rule.Message);
        var findings = DockerfileLinter.Lint("FROM debian:12\nRUN true\n", "Dockerfile", LintConfiguration.Default).Findings;
        Assert.DoesNotContain(findings, f => f.Code == "DL3063");
        Assert.Contains(DockerfileLinter.Lint("FROM debian:12 AS scratch\n", "Dockerfile", LintConfiguration.Default).Findings, f => f.Code == "DL3063" && f.Line == 1);
    }
}
