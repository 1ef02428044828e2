# CI image
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:latest AS final
WORKDIR /app
EXPOSE 5000
COPY --from=build /app/publish .
USER root
ENTRYPOINT ["dotnet", "Api.dll"]
