# syntax=docker/dockerfile:1.7
ARG DOTNET_VERSION=8.0
ARG REGISTRY=mcr.microsoft.com

FROM ${REGISTRY}/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
COPY --link *.sln ./
COPY --link src/Api/Api.csproj src/Api/
COPY --link src/Domain/Domain.csproj src/Domain/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Api/Api.csproj -a $TARGETARCH
COPY --link . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Api/Api.csproj -c Release -a $TARGETARCH --no-restore -o /app

FROM build AS test
RUN dotnet test --no-restore

FROM ${REGISTRY}/dotnet/aspnet:${DOTNET_VERSION}-jammy-chiseled AS final
WORKDIR /app
EXPOSE 8080
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
COPY --from=build --chown=app:app /app .
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=3s CMD ["dotnet", "Api.dll", "--health"]
ENTRYPOINT ["dotnet", "Api.dll"]
