# syntax=docker/dockerfile:1
# CI image
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:9.0 AS final

EXPOSE 80
COPY --from=build /app/publish .
ENTRYPOINT dotnet Api.dll
