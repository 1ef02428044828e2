# syntax=docker/dockerfile:1
# Production image
FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:6.0 AS final
WORKDIR /app
EXPOSE 80
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Api.dll"]
