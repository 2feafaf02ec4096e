# The service's image: the .NET SDK image builds it, the ASP.NET Core runtime image runs it.
# Both base images are build arguments so that a host without registry access can pass local stand-ins
# (see deploy/local-base-images.sh); the defaults are the official images.
# No BuildKit-only syntax: the image must also build with the classic builder (Testcontainers uses it).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore from the project files alone, so this layer stays cached until a package reference changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/RefineService.Core/RefineService.Core.csproj src/RefineService.Core/
COPY src/RefineService.Api/RefineService.Api.csproj src/RefineService.Api/
# Published ReadyToRun: the service's first requests run precompiled code instead of waiting for the JIT (the first whole
# account after start in 0.73 s instead of 1.2 s, docs/performance.md). It compiles for one runtime, the build's own
# architecture, which the classic builder shares with the image it builds.
RUN rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" \
    && dotnet restore src/RefineService.Api/RefineService.Api.csproj --runtime "$rid" -p:PublishReadyToRun=true
COPY src/ src/
RUN rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" \
    && dotnet publish src/RefineService.Api/RefineService.Api.csproj --configuration Release --no-restore \
    --runtime "$rid" --self-contained false -p:PublishReadyToRun=true --output /app -p:UseAppHost=false

FROM ${RUNTIME_IMAGE} AS final
# The official runtime image sets these too; they are set here because the service depends on them.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    ASPNETCORE_ENVIRONMENT=Production
WORKDIR /app
# Owned by root and read-only to the service's user.
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
# The service's own binary is the probe, so the image needs neither a shell nor curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/RefineService.Api.dll", "--probe"]
ENTRYPOINT ["dotnet", "/app/RefineService.Api.dll"]
