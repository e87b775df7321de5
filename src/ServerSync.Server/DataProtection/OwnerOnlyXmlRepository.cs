using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ServerSync.Server.DataProtection;

/// <summary>The keys folder of Data Protection, with every key file it writes made owner-only (0600) at once.</summary>
public sealed class OwnerOnlyXmlRepository(DirectoryInfo directory, ILoggerFactory loggers) : IXmlRepository
{
    private readonly FileSystemXmlRepository _files = new(directory, loggers);

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in directory.EnumerateFiles("*.xml")) File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
