using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>One node of a <see cref="TwoNodeCluster"/>: the HostId it shows by default (machine name and silo port), the silo port that names it in the membership table, its process.</summary>
public sealed record ClusterNode(string Name, int SiloPort, ServerProcess Server);
