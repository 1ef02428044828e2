# CI image
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Worker/Worker.csproj Worker/
RUN dotnet restore Worker/Worker.csproj
COPY . .
RUN dotnet publish Worker/Worker.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:9.0 AS final
WORKDIR /app
EXPOSE 8080
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311 git=1:2.39.2-1.1 libpq5=15.7-0+deb12u1
COPY --from=build /app/publish .
USER app
ENTRYPOINT dotnet Worker.dll
