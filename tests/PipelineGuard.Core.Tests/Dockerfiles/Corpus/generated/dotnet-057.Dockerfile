# Build and run the service
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM mcr.microsoft.com/dotnet/aspnet:latest AS final
WORKDIR /app
EXPOSE 80
COPY --from=build /app/publish .
USER 1000:1000
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/health"]
ENTRYPOINT dotnet Web.dll
