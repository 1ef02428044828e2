# Build and run the service
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
WORKDIR /app
EXPOSE 5000
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg libpq5 git jq
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Api.dll"]
