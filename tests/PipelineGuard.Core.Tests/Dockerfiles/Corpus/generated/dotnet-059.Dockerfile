# Build and run the service
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:latest AS final

EXPOSE 8080
RUN apt-get update \
    && apt-get install -y --no-install-recommends git=1:2.39.2-1.1
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Api.dll"]
