using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "application",
                columns: table => new
                {
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "asyncoperation",
                columns: table => new
                {
                    asyncoperationid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    operationtype = table.Column<int>(type: "INTEGER", nullable: false),
                    statecode = table.Column<int>(type: "INTEGER", nullable: false),
                    statuscode = table.Column<int>(type: "INTEGER", nullable: false),
                    regardingobjectid = table.Column<Guid>(type: "TEXT", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "TEXT", nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true),
                    message = table.Column<string>(type: "TEXT", nullable: true),
                    friendlymessage = table.Column<string>(type: "TEXT", nullable: true),
                    percentcomplete = table.Column<int>(type: "INTEGER", nullable: false),
                    startedon = table.Column<long>(type: "INTEGER", nullable: true),
                    completedon = table.Column<long>(type: "INTEGER", nullable: true),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false),
                    ownerid = table.Column<Guid>(type: "TEXT", nullable: false),
                    owneridtype = table.Column<string>(type: "TEXT", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asyncoperation", x => x.asyncoperationid);
                });

            migrationBuilder.CreateTable(
                name: "businessunit",
                columns: table => new
                {
                    businessunitid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    parentbusinessunitid = table.Column<Guid>(type: "TEXT", nullable: true),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_businessunit", x => x.businessunitid);
                });

            migrationBuilder.CreateTable(
                name: "directoryuser",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    Roles = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directoryuser", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "emailserverprofile",
                columns: table => new
                {
                    emailserverprofileid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    servertype = table.Column<int>(type: "INTEGER", nullable: false),
                    exchangeversion = table.Column<int>(type: "INTEGER", nullable: true),
                    incomingcredentialretrieval = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingcredentialretrieval = table.Column<int>(type: "INTEGER", nullable: false),
                    incomingauthenticationprotocol = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingauthenticationprotocol = table.Column<int>(type: "INTEGER", nullable: false),
                    incomingserverlocation = table.Column<string>(type: "TEXT", maxLength: 2084, nullable: true),
                    outgoingserverlocation = table.Column<string>(type: "TEXT", maxLength: 2084, nullable: true),
                    defaultserverlocation = table.Column<string>(type: "TEXT", maxLength: 2084, nullable: true),
                    useautodiscover = table.Column<bool>(type: "INTEGER", nullable: false),
                    incomingportnumber = table.Column<int>(type: "INTEGER", nullable: true),
                    outgoingportnumber = table.Column<int>(type: "INTEGER", nullable: true),
                    incomingusessl = table.Column<bool>(type: "INTEGER", nullable: false),
                    outgoingusessl = table.Column<bool>(type: "INTEGER", nullable: false),
                    incominguseimpersonation = table.Column<bool>(type: "INTEGER", nullable: false),
                    outgoinguseimpersonation = table.Column<bool>(type: "INTEGER", nullable: false),
                    usesamesettingsforoutgoingconnections = table.Column<bool>(type: "INTEGER", nullable: false),
                    incomingusername = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    incomingpasswordprotected = table.Column<string>(type: "TEXT", nullable: true),
                    isincomingpasswordset = table.Column<bool>(type: "INTEGER", nullable: false),
                    outgoingusername = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    outgoingpasswordprotected = table.Column<string>(type: "TEXT", nullable: true),
                    isoutgoingpasswordset = table.Column<bool>(type: "INTEGER", nullable: false),
                    maxconcurrentconnections = table.Column<int>(type: "INTEGER", nullable: false),
                    minpollingintervalinminutes = table.Column<int>(type: "INTEGER", nullable: true),
                    processemailsreceivedafter = table.Column<long>(type: "INTEGER", nullable: true),
                    moveundeliveredemails = table.Column<bool>(type: "INTEGER", nullable: false),
                    timeoutmailboxconnection = table.Column<bool>(type: "INTEGER", nullable: false),
                    timeoutmailboxconnectionafteramount = table.Column<int>(type: "INTEGER", nullable: true),
                    sendemailalert = table.Column<bool>(type: "INTEGER", nullable: false),
                    usedefaulttenantid = table.Column<bool>(type: "INTEGER", nullable: false),
                    exchangeonlinetenantid = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    oauthclientid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    oauthclientsecretprotected = table.Column<string>(type: "TEXT", nullable: true),
                    isoauthclientsecretset = table.Column<bool>(type: "INTEGER", nullable: false),
                    aadresourceid = table.Column<string>(type: "TEXT", maxLength: 2084, nullable: true),
                    owneremailaddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    statecode = table.Column<int>(type: "INTEGER", nullable: false),
                    statuscode = table.Column<int>(type: "INTEGER", nullable: false),
                    createdfromtenantconnection = table.Column<bool>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false),
                    ownerid = table.Column<Guid>(type: "TEXT", nullable: false),
                    owneridtype = table.Column<string>(type: "TEXT", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emailserverprofile", x => x.emailserverprofileid);
                });

            migrationBuilder.CreateTable(
                name: "environment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentModel = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_environment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exchangeonlineconnection",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntraTenantId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientSecretProtected = table.Column<string>(type: "TEXT", nullable: true),
                    CertificateProtected = table.Column<string>(type: "TEXT", nullable: true),
                    Cloud = table.Column<int>(type: "INTEGER", nullable: false),
                    ModifiedOn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchangeonlineconnection", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mailbox",
                columns: table => new
                {
                    mailboxid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    emailaddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    regardingobjectid = table.Column<Guid>(type: "TEXT", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "TEXT", nullable: true),
                    emailserverprofile = table.Column<Guid>(type: "TEXT", nullable: true),
                    incomingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    actdeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    emailrouteraccessapproval = table.Column<int>(type: "INTEGER", nullable: false),
                    isemailaddressapprovedbyo365admin = table.Column<bool>(type: "INTEGER", nullable: false),
                    incomingemailstatus = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingemailstatus = table.Column<int>(type: "INTEGER", nullable: false),
                    actstatus = table.Column<int>(type: "INTEGER", nullable: false),
                    mailboxstatus = table.Column<int>(type: "INTEGER", nullable: false),
                    enabledforincomingemail = table.Column<bool>(type: "INTEGER", nullable: false),
                    enabledforoutgoingemail = table.Column<bool>(type: "INTEGER", nullable: false),
                    enabledforact = table.Column<bool>(type: "INTEGER", nullable: false),
                    testemailconfigurationscheduled = table.Column<bool>(type: "INTEGER", nullable: false),
                    testemailconfigurationretrycount = table.Column<int>(type: "INTEGER", nullable: false),
                    postponetestemailconfigurationuntil = table.Column<long>(type: "INTEGER", nullable: true),
                    testmailboxaccesscompletedon = table.Column<long>(type: "INTEGER", nullable: true),
                    processemailreceivedafter = table.Column<long>(type: "INTEGER", nullable: true),
                    processanddeleteemails = table.Column<bool>(type: "INTEGER", nullable: false),
                    isforwardmailbox = table.Column<bool>(type: "INTEGER", nullable: false),
                    isserviceaccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    allowemailconnectortousecredentials = table.Column<bool>(type: "INTEGER", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    passwordprotected = table.Column<string>(type: "TEXT", nullable: true),
                    ispasswordset = table.Column<bool>(type: "INTEGER", nullable: false),
                    orgmarkedasprimaryforexchangesync = table.Column<bool>(type: "INTEGER", nullable: false),
                    isactsyncorgflagset = table.Column<bool>(type: "INTEGER", nullable: false),
                    statecode = table.Column<int>(type: "INTEGER", nullable: false),
                    statuscode = table.Column<int>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false),
                    ownerid = table.Column<Guid>(type: "TEXT", nullable: false),
                    owneridtype = table.Column<string>(type: "TEXT", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox", x => x.mailboxid);
                });

            migrationBuilder.CreateTable(
                name: "organization",
                columns: table => new
                {
                    organizationid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    emailconnectionchannel = table.Column<int>(type: "INTEGER", nullable: false),
                    defaultemailserverprofileid = table.Column<Guid>(type: "TEXT", nullable: true),
                    defaultemailsettings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    requireapprovalforuseremail = table.Column<bool>(type: "INTEGER", nullable: false),
                    requireapprovalforqueueemail = table.Column<bool>(type: "INTEGER", nullable: false),
                    emailcorrelationenabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    enablesmartmatching = table.Column<bool>(type: "INTEGER", nullable: false),
                    trackingprefix = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    trackingtokenidbase = table.Column<int>(type: "INTEGER", nullable: false),
                    trackingtokeniddigits = table.Column<int>(type: "INTEGER", nullable: false),
                    maximumtrackingnumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ignoreinternalemail = table.Column<bool>(type: "INTEGER", nullable: false),
                    maxuploadfilesize = table.Column<int>(type: "INTEGER", nullable: false),
                    blockedattachments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    allowunresolvedpartiesonemailsend = table.Column<bool>(type: "INTEGER", nullable: false),
                    unresolveemailaddressifmultiplematch = table.Column<bool>(type: "INTEGER", nullable: false),
                    resolvesimilarunresolvedemailaddress = table.Column<bool>(type: "INTEGER", nullable: false),
                    generatealertsforerrors = table.Column<bool>(type: "INTEGER", nullable: false),
                    generatealertsforwarnings = table.Column<bool>(type: "INTEGER", nullable: false),
                    generatealertsforinformation = table.Column<bool>(type: "INTEGER", nullable: false),
                    notifymailboxownerofemailserverlevelalerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    orgdborgsettings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organization", x => x.organizationid);
                });

            migrationBuilder.CreateTable(
                name: "privilege",
                columns: table => new
                {
                    privilegeid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    accessright = table.Column<int>(type: "INTEGER", nullable: false),
                    canbebasic = table.Column<bool>(type: "INTEGER", nullable: false),
                    canbelocal = table.Column<bool>(type: "INTEGER", nullable: false),
                    canbedeep = table.Column<bool>(type: "INTEGER", nullable: false),
                    canbeglobal = table.Column<bool>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privilege", x => x.privilegeid);
                });

            migrationBuilder.CreateTable(
                name: "queue",
                columns: table => new
                {
                    queueid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    emailaddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    emailrouteraccessapproval = table.Column<int>(type: "INTEGER", nullable: false),
                    incomingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    incomingemailfilteringmethod = table.Column<int>(type: "INTEGER", nullable: false),
                    queueviewtype = table.Column<int>(type: "INTEGER", nullable: false),
                    defaultmailbox = table.Column<Guid>(type: "TEXT", nullable: true),
                    isemailaddressapprovedbyo365admin = table.Column<bool>(type: "INTEGER", nullable: false),
                    statecode = table.Column<int>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false),
                    ownerid = table.Column<Guid>(type: "TEXT", nullable: false),
                    owneridtype = table.Column<string>(type: "TEXT", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queue", x => x.queueid);
                });

            migrationBuilder.CreateTable(
                name: "role",
                columns: table => new
                {
                    roleid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    businessunitid = table.Column<Guid>(type: "TEXT", nullable: false),
                    roletemplateid = table.Column<Guid>(type: "TEXT", nullable: true),
                    ismanaged = table.Column<bool>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role", x => x.roleid);
                });

            migrationBuilder.CreateTable(
                name: "roleprivileges",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrivilegeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Depth = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roleprivileges", x => new { x.RoleId, x.PrivilegeId });
                });

            migrationBuilder.CreateTable(
                name: "systemuser",
                columns: table => new
                {
                    systemuserid = table.Column<Guid>(type: "TEXT", nullable: false),
                    domainname = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    fullname = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    internalemailaddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    businessunitid = table.Column<Guid>(type: "TEXT", nullable: false),
                    isdisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    applicationid = table.Column<Guid>(type: "TEXT", nullable: true),
                    azureactivedirectoryobjectid = table.Column<Guid>(type: "TEXT", nullable: true),
                    emailrouteraccessapproval = table.Column<int>(type: "INTEGER", nullable: false),
                    incomingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "INTEGER", nullable: false),
                    defaultmailbox = table.Column<Guid>(type: "TEXT", nullable: true),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systemuser", x => x.systemuserid);
                });

            migrationBuilder.CreateTable(
                name: "systemuserroles",
                columns: table => new
                {
                    SystemUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systemuserroles", x => new { x.SystemUserId, x.RoleId });
                });

            migrationBuilder.CreateTable(
                name: "team",
                columns: table => new
                {
                    teamid = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    businessunitid = table.Column<Guid>(type: "TEXT", nullable: false),
                    teamtype = table.Column<int>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team", x => x.teamid);
                });

            migrationBuilder.CreateTable(
                name: "teammembership",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teammembership", x => new { x.TeamId, x.SystemUserId });
                });

            migrationBuilder.CreateTable(
                name: "teamroles",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamroles", x => new { x.TeamId, x.RoleId });
                });

            migrationBuilder.CreateTable(
                name: "tracelog",
                columns: table => new
                {
                    tracelogid = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    tracecode = table.Column<int>(type: "INTEGER", nullable: true),
                    errordetails = table.Column<string>(type: "TEXT", nullable: true),
                    tracestatus = table.Column<bool>(type: "INTEGER", nullable: false),
                    regardingobjectid = table.Column<Guid>(type: "TEXT", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "TEXT", nullable: true),
                    machinename = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracelog", x => x.tracelogid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_asyncoperation_environmentid",
                table: "asyncoperation",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_businessunit_environmentid",
                table: "businessunit",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_directoryuser_UserPrincipalName",
                table: "directoryuser",
                column: "UserPrincipalName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emailserverprofile_environmentid",
                table: "emailserverprofile",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_environment_Name",
                table: "environment",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_environmentid",
                table: "mailbox",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_environmentid_regardingobjectid",
                table: "mailbox",
                columns: new[] { "environmentid", "regardingobjectid" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_environmentid",
                table: "organization",
                column: "environmentid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_privilege_environmentid",
                table: "privilege",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_queue_environmentid",
                table: "queue",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_role_environmentid",
                table: "role",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_systemuser_environmentid",
                table: "systemuser",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_systemuser_environmentid_applicationid",
                table: "systemuser",
                columns: new[] { "environmentid", "applicationid" });

            migrationBuilder.CreateIndex(
                name: "IX_systemuser_environmentid_azureactivedirectoryobjectid",
                table: "systemuser",
                columns: new[] { "environmentid", "azureactivedirectoryobjectid" });

            migrationBuilder.CreateIndex(
                name: "IX_team_environmentid",
                table: "team",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_tracelog_environmentid",
                table: "tracelog",
                column: "environmentid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application");

            migrationBuilder.DropTable(
                name: "asyncoperation");

            migrationBuilder.DropTable(
                name: "businessunit");

            migrationBuilder.DropTable(
                name: "directoryuser");

            migrationBuilder.DropTable(
                name: "emailserverprofile");

            migrationBuilder.DropTable(
                name: "environment");

            migrationBuilder.DropTable(
                name: "exchangeonlineconnection");

            migrationBuilder.DropTable(
                name: "mailbox");

            migrationBuilder.DropTable(
                name: "organization");

            migrationBuilder.DropTable(
                name: "privilege");

            migrationBuilder.DropTable(
                name: "queue");

            migrationBuilder.DropTable(
                name: "role");

            migrationBuilder.DropTable(
                name: "roleprivileges");

            migrationBuilder.DropTable(
                name: "systemuser");

            migrationBuilder.DropTable(
                name: "systemuserroles");

            migrationBuilder.DropTable(
                name: "team");

            migrationBuilder.DropTable(
                name: "teammembership");

            migrationBuilder.DropTable(
                name: "teamroles");

            migrationBuilder.DropTable(
                name: "tracelog");
        }
    }
}
