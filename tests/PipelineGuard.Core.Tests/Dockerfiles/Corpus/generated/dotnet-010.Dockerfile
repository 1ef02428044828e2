# Build and run the service
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Worker/Worker.csproj Worker/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Worker/Worker.csproj
COPY . .
RUN dotnet publish Worker/Worker.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:9.0-alpine AS final
WORKDIR /app
EXPOSE 5000
COPY --from=build /app/publish .
USER root
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/health"]
ENTRYPOINT ["dotnet", "Worker.dll"]
