using Microsoft.AspNetCore.Mvc.Testing;

namespace RefineService.Container.Tests.Deployment;

/// <summary>The service hosted in memory, to ask it what the deployment files claim it serves.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>;
