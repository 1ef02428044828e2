# CI image
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Worker/Worker.csproj Worker/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Worker/Worker.csproj
COPY . .
RUN dotnet publish Worker/Worker.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM mcr.microsoft.com/dotnet/runtime:8.0 AS final
WORKDIR /app
EXPOSE 8080
COPY --from=build /app/publish .
USER root
ENTRYPOINT ["dotnet", "Worker.dll"]
