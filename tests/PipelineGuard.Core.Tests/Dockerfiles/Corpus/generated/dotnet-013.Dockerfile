# syntax=docker/dockerfile:1
# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM ${REGISTRY}/dotnet/runtime:6.0 AS final
WORKDIR /app
EXPOSE 8080 8081
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Api.dll"]
