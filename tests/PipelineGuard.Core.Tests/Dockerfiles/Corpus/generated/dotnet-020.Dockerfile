# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:8.0-alpine AS final

EXPOSE 8080 8081
RUN apt-get update \
    && apt-get install -y --no-install-recommends unzip git gnupg
COPY --from=build /app/publish .
USER app
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/health"]
ENTRYPOINT ["dotnet", "Web.dll"]
