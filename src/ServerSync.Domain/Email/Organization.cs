using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Email;

/// <summary>The environment's single organization row: its email settings (System Settings > Email).</summary>
[DataContract(Name = "organization")]
[DataverseTable("organization", "organizations", SchemaName = "Organization", Ownership = Ownership.Organization)]
public sealed class Organization : EnvironmentRecord
{
    [DataMember(Name = "organizationid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), ReadOnlyColumn, MaxLength(160)]
    public string Name { get; set; } = "";

    [DataMember(Name = "emailconnectionchannel"), OptionSet(typeof(EmailConnectionChannel))]
    public int EmailConnectionChannel { get; set; }

    [DataMember(Name = "_defaultemailserverprofileid_value"), Lookup("defaultemailserverprofileid", typeof(EmailServerProfile))]
    public Guid? DefaultEmailServerProfileId { get; set; }

    /// <summary>Default delivery methods for new mailboxes; see <see cref="DefaultEmailSettings"/> for the XML shape.</summary>
    [DataMember(Name = "defaultemailsettings"), MaxLength(4000)]
    public string DefaultEmailSettings { get; set; } = Email.DefaultEmailSettings.Standard.ToXml();

    // The schema defaults these to false, but the admin docs (rule 25) say approval is required by
    // default, so environments are provisioned with both on.
    [DataMember(Name = "requireapprovalforuseremail")]
    public bool RequireApprovalForUserEmail { get; set; } = true;

    [DataMember(Name = "requireapprovalforqueueemail")]
    public bool RequireApprovalForQueueEmail { get; set; } = true;

    [DataMember(Name = "emailcorrelationenabled")]
    public bool EmailCorrelationEnabled { get; set; } = true;

    [DataMember(Name = "enablesmartmatching")]
    public bool EnableSmartMatching { get; set; }

    [DataMember(Name = "trackingprefix"), MaxLength(256)]
    public string TrackingPrefix { get; set; } = "CRM";

    [DataMember(Name = "trackingtokenidbase"), Range(0, int.MaxValue)]
    public int TrackingTokenIdBase { get; set; }

    [DataMember(Name = "trackingtokeniddigits"), Range(1, 10)]
    public int TrackingTokenIdDigits { get; set; } = 3;

    [DataMember(Name = "maximumtrackingnumber"), Range(1, 999_999_999)]
    public int MaximumTrackingNumber { get; set; } = 999;

    [DataMember(Name = "nexttrackingnumber"), ReadOnlyColumn]
    public int NextTrackingNumber { get; set; }

    [DataMember(Name = "ignoreinternalemail")]
    public bool IgnoreInternalEmail { get; set; }

    /// <summary>In KB; the UI default is 5,120 KB.</summary>
    [DataMember(Name = "maxuploadfilesize"), Range(0, 131072)]
    public int MaxUploadFileSize { get; set; } = 5120;

    [DataMember(Name = "blockedattachments"), MaxLength(4000)]
    public string BlockedAttachments { get; set; } = "ade;adp;app;asa;ashx;asmx;asp;bas;bat;cdx;cer;chm;class;cmd;com;config;cpl;crt;csh;dll;exe;fxp;hlp;hta;htr;htw;ida;idc;idq;inf;ins;isp;its;jar;js;jse;ksh;lnk;mad;maf;mag;mam;maq;mar;mas;mat;mau;mav;maw;mda;mdb;mde;mdt;mdw;mdz;msc;msh;msh1;msh1xml;msh2;msh2xml;mshxml;msi;msp;mst;ops;pcd;pif;prf;prg;printer;pst;reg;rem;scf;scr;sct;shb;shs;shtm;shtml;soap;stm;tmp;url;vb;vbe;vbs;vsmacros;vss;vst;vsw;ws;wsc;wsf;wsh";

    [DataMember(Name = "allowunresolvedpartiesonemailsend")]
    public bool AllowUnresolvedPartiesOnEmailSend { get; set; }

    [DataMember(Name = "unresolveemailaddressifmultiplematch")]
    public bool UnresolveEmailAddressIfMultipleMatch { get; set; }

    [DataMember(Name = "resolvesimilarunresolvedemailaddress")]
    public bool ResolveSimilarUnresolvedEmailAddress { get; set; } = true;

    // UI defaults (Error and Information on, Warning off) rather than the schema's all-true.
    [DataMember(Name = "generatealertsforerrors")]
    public bool GenerateAlertsForErrors { get; set; } = true;

    [DataMember(Name = "generatealertsforwarnings")]
    public bool GenerateAlertsForWarnings { get; set; }

    [DataMember(Name = "generatealertsforinformation")]
    public bool GenerateAlertsForInformation { get; set; } = true;

    [DataMember(Name = "notifymailboxownerofemailserverlevelalerts")]
    public bool NotifyMailboxOwnerOfEmailServerLevelAlerts { get; set; } = true;

    /// <summary>OrgDbOrgSettings as XML; see <see cref="OrgDbOrgSettings"/>.</summary>
    [DataMember(Name = "orgdborgsettings"), MaxLength(8000)]
    public string OrgDbOrgSettings { get; set; } = "<OrgSettings />";
}
