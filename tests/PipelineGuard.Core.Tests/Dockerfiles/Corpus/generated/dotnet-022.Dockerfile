# Production image
FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:6.0 AS final
WORKDIR /app
EXPOSE 5000
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg=2.2.40-1.1 libpq5=15.7-0+deb12u1 tzdata=2024a-0+deb12u1
COPY --from=build /app/publish .
USER 10001
ENTRYPOINT ["dotnet", "Api.dll"]
