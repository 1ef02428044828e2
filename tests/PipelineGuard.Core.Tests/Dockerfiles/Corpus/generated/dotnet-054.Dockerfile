# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM ${REGISTRY}/dotnet/aspnet:latest AS final
WORKDIR /app
EXPOSE 80
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Api.dll"]
