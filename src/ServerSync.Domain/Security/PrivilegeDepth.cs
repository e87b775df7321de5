namespace ServerSync.Domain.Security;

/// <summary>How far a privilege reaches, in Dataverse's order (the Web API's PrivilegeDepth enum).</summary>
public enum PrivilegeDepth { Basic = 0, Local = 1, Deep = 2, Global = 3 }
