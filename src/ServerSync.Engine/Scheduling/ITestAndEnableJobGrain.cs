namespace ServerSync.Engine.Scheduling;

/// <summary>One grain per Test &amp; Enable job, so a job runs once in the cluster however many schedulers see it.</summary>
public interface ITestAndEnableJobGrain : IGrainWithGuidKey
{
    Task RunAsync();
}
