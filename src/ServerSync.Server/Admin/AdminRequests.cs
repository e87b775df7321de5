namespace ServerSync.Server.Admin;

public sealed record NewDirectoryUser(string? UserPrincipalName, string? DisplayName, string? Password, string[]? Roles);

public sealed record DirectoryUserChange(string? DisplayName, string? Password, string[]? Roles, bool? IsDisabled);

public sealed record NewEnvironment(string? Name, string? DisplayName, string? DeploymentModel);

public sealed record ExchangeOnlineSettings(string? TenantId, string? ClientId, string? ClientSecret, string? Certificate, string? Cloud);

public sealed record NewApplication(string? DisplayName);
