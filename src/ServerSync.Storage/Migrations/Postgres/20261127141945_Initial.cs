using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
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
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    SecretHash = table.Column<string>(type: "text", nullable: false),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "asyncoperation",
                columns: table => new
                {
                    asyncoperationid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    operationtype = table.Column<int>(type: "integer", nullable: false),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    statuscode = table.Column<int>(type: "integer", nullable: false),
                    regardingobjectid = table.Column<Guid>(type: "uuid", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "text", nullable: true),
                    data = table.Column<string>(type: "text", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true),
                    friendlymessage = table.Column<string>(type: "text", nullable: true),
                    percentcomplete = table.Column<int>(type: "integer", nullable: false),
                    startedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ownerid = table.Column<Guid>(type: "uuid", nullable: false),
                    owneridtype = table.Column<string>(type: "text", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asyncoperation", x => x.asyncoperationid);
                });

            migrationBuilder.CreateTable(
                name: "businessunit",
                columns: table => new
                {
                    businessunitid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    parentbusinessunitid = table.Column<Guid>(type: "uuid", nullable: true),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_businessunit", x => x.businessunitid);
                });

            migrationBuilder.CreateTable(
                name: "directoryuser",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    Roles = table.Column<int>(type: "integer", nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directoryuser", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "emailserverprofile",
                columns: table => new
                {
                    emailserverprofileid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    servertype = table.Column<int>(type: "integer", nullable: false),
                    exchangeversion = table.Column<int>(type: "integer", nullable: true),
                    incomingcredentialretrieval = table.Column<int>(type: "integer", nullable: false),
                    outgoingcredentialretrieval = table.Column<int>(type: "integer", nullable: false),
                    incomingauthenticationprotocol = table.Column<int>(type: "integer", nullable: false),
                    outgoingauthenticationprotocol = table.Column<int>(type: "integer", nullable: false),
                    incomingserverlocation = table.Column<string>(type: "character varying(2084)", maxLength: 2084, nullable: true),
                    outgoingserverlocation = table.Column<string>(type: "character varying(2084)", maxLength: 2084, nullable: true),
                    defaultserverlocation = table.Column<string>(type: "character varying(2084)", maxLength: 2084, nullable: true),
                    useautodiscover = table.Column<bool>(type: "boolean", nullable: false),
                    incomingportnumber = table.Column<int>(type: "integer", nullable: true),
                    outgoingportnumber = table.Column<int>(type: "integer", nullable: true),
                    incomingusessl = table.Column<bool>(type: "boolean", nullable: false),
                    outgoingusessl = table.Column<bool>(type: "boolean", nullable: false),
                    incominguseimpersonation = table.Column<bool>(type: "boolean", nullable: false),
                    outgoinguseimpersonation = table.Column<bool>(type: "boolean", nullable: false),
                    usesamesettingsforoutgoingconnections = table.Column<bool>(type: "boolean", nullable: false),
                    incomingusername = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    incomingpasswordprotected = table.Column<string>(type: "text", nullable: true),
                    isincomingpasswordset = table.Column<bool>(type: "boolean", nullable: false),
                    outgoingusername = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    outgoingpasswordprotected = table.Column<string>(type: "text", nullable: true),
                    isoutgoingpasswordset = table.Column<bool>(type: "boolean", nullable: false),
                    maxconcurrentconnections = table.Column<int>(type: "integer", nullable: false),
                    minpollingintervalinminutes = table.Column<int>(type: "integer", nullable: true),
                    processemailsreceivedafter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    moveundeliveredemails = table.Column<bool>(type: "boolean", nullable: false),
                    timeoutmailboxconnection = table.Column<bool>(type: "boolean", nullable: false),
                    timeoutmailboxconnectionafteramount = table.Column<int>(type: "integer", nullable: true),
                    sendemailalert = table.Column<bool>(type: "boolean", nullable: false),
                    usedefaulttenantid = table.Column<bool>(type: "boolean", nullable: false),
                    exchangeonlinetenantid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    oauthclientid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    oauthclientsecretprotected = table.Column<string>(type: "text", nullable: true),
                    isoauthclientsecretset = table.Column<bool>(type: "boolean", nullable: false),
                    aadresourceid = table.Column<string>(type: "character varying(2084)", maxLength: 2084, nullable: true),
                    owneremailaddress = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    statuscode = table.Column<int>(type: "integer", nullable: false),
                    createdfromtenantconnection = table.Column<bool>(type: "boolean", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ownerid = table.Column<Guid>(type: "uuid", nullable: false),
                    owneridtype = table.Column<string>(type: "text", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emailserverprofile", x => x.emailserverprofileid);
                });

            migrationBuilder.CreateTable(
                name: "environment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    DeploymentModel = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_environment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exchangeonlineconnection",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntraTenantId = table.Column<string>(type: "text", nullable: false),
                    ClientId = table.Column<string>(type: "text", nullable: false),
                    ClientSecretProtected = table.Column<string>(type: "text", nullable: true),
                    CertificateProtected = table.Column<string>(type: "text", nullable: true),
                    Cloud = table.Column<int>(type: "integer", nullable: false),
                    ModifiedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchangeonlineconnection", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mailbox",
                columns: table => new
                {
                    mailboxid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    emailaddress = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    regardingobjectid = table.Column<Guid>(type: "uuid", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "text", nullable: true),
                    emailserverprofile = table.Column<Guid>(type: "uuid", nullable: true),
                    incomingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    actdeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    emailrouteraccessapproval = table.Column<int>(type: "integer", nullable: false),
                    isemailaddressapprovedbyo365admin = table.Column<bool>(type: "boolean", nullable: false),
                    incomingemailstatus = table.Column<int>(type: "integer", nullable: false),
                    outgoingemailstatus = table.Column<int>(type: "integer", nullable: false),
                    actstatus = table.Column<int>(type: "integer", nullable: false),
                    mailboxstatus = table.Column<int>(type: "integer", nullable: false),
                    enabledforincomingemail = table.Column<bool>(type: "boolean", nullable: false),
                    enabledforoutgoingemail = table.Column<bool>(type: "boolean", nullable: false),
                    enabledforact = table.Column<bool>(type: "boolean", nullable: false),
                    testemailconfigurationscheduled = table.Column<bool>(type: "boolean", nullable: false),
                    testemailconfigurationretrycount = table.Column<int>(type: "integer", nullable: false),
                    postponetestemailconfigurationuntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    testmailboxaccesscompletedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    processemailreceivedafter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    processanddeleteemails = table.Column<bool>(type: "boolean", nullable: false),
                    isforwardmailbox = table.Column<bool>(type: "boolean", nullable: false),
                    isserviceaccount = table.Column<bool>(type: "boolean", nullable: false),
                    allowemailconnectortousecredentials = table.Column<bool>(type: "boolean", nullable: false),
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    passwordprotected = table.Column<string>(type: "text", nullable: true),
                    ispasswordset = table.Column<bool>(type: "boolean", nullable: false),
                    orgmarkedasprimaryforexchangesync = table.Column<bool>(type: "boolean", nullable: false),
                    isactsyncorgflagset = table.Column<bool>(type: "boolean", nullable: false),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    statuscode = table.Column<int>(type: "integer", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ownerid = table.Column<Guid>(type: "uuid", nullable: false),
                    owneridtype = table.Column<string>(type: "text", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox", x => x.mailboxid);
                });

            migrationBuilder.CreateTable(
                name: "organization",
                columns: table => new
                {
                    organizationid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    emailconnectionchannel = table.Column<int>(type: "integer", nullable: false),
                    defaultemailserverprofileid = table.Column<Guid>(type: "uuid", nullable: true),
                    defaultemailsettings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    requireapprovalforuseremail = table.Column<bool>(type: "boolean", nullable: false),
                    requireapprovalforqueueemail = table.Column<bool>(type: "boolean", nullable: false),
                    emailcorrelationenabled = table.Column<bool>(type: "boolean", nullable: false),
                    enablesmartmatching = table.Column<bool>(type: "boolean", nullable: false),
                    trackingprefix = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    trackingtokenidbase = table.Column<int>(type: "integer", nullable: false),
                    trackingtokeniddigits = table.Column<int>(type: "integer", nullable: false),
                    maximumtrackingnumber = table.Column<int>(type: "integer", nullable: false),
                    ignoreinternalemail = table.Column<bool>(type: "boolean", nullable: false),
                    maxuploadfilesize = table.Column<int>(type: "integer", nullable: false),
                    blockedattachments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    allowunresolvedpartiesonemailsend = table.Column<bool>(type: "boolean", nullable: false),
                    unresolveemailaddressifmultiplematch = table.Column<bool>(type: "boolean", nullable: false),
                    resolvesimilarunresolvedemailaddress = table.Column<bool>(type: "boolean", nullable: false),
                    generatealertsforerrors = table.Column<bool>(type: "boolean", nullable: false),
                    generatealertsforwarnings = table.Column<bool>(type: "boolean", nullable: false),
                    generatealertsforinformation = table.Column<bool>(type: "boolean", nullable: false),
                    notifymailboxownerofemailserverlevelalerts = table.Column<bool>(type: "boolean", nullable: false),
                    orgdborgsettings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organization", x => x.organizationid);
                });

            migrationBuilder.CreateTable(
                name: "privilege",
                columns: table => new
                {
                    privilegeid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    accessright = table.Column<int>(type: "integer", nullable: false),
                    canbebasic = table.Column<bool>(type: "boolean", nullable: false),
                    canbelocal = table.Column<bool>(type: "boolean", nullable: false),
                    canbedeep = table.Column<bool>(type: "boolean", nullable: false),
                    canbeglobal = table.Column<bool>(type: "boolean", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privilege", x => x.privilegeid);
                });

            migrationBuilder.CreateTable(
                name: "queue",
                columns: table => new
                {
                    queueid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    emailaddress = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailrouteraccessapproval = table.Column<int>(type: "integer", nullable: false),
                    incomingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    incomingemailfilteringmethod = table.Column<int>(type: "integer", nullable: false),
                    queueviewtype = table.Column<int>(type: "integer", nullable: false),
                    defaultmailbox = table.Column<Guid>(type: "uuid", nullable: true),
                    isemailaddressapprovedbyo365admin = table.Column<bool>(type: "boolean", nullable: false),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ownerid = table.Column<Guid>(type: "uuid", nullable: false),
                    owneridtype = table.Column<string>(type: "text", nullable: false),
                    owningbusinessunit = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queue", x => x.queueid);
                });

            migrationBuilder.CreateTable(
                name: "role",
                columns: table => new
                {
                    roleid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    businessunitid = table.Column<Guid>(type: "uuid", nullable: false),
                    roletemplateid = table.Column<Guid>(type: "uuid", nullable: true),
                    ismanaged = table.Column<bool>(type: "boolean", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role", x => x.roleid);
                });

            migrationBuilder.CreateTable(
                name: "roleprivileges",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrivilegeId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Depth = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roleprivileges", x => new { x.RoleId, x.PrivilegeId });
                });

            migrationBuilder.CreateTable(
                name: "systemuser",
                columns: table => new
                {
                    systemuserid = table.Column<Guid>(type: "uuid", nullable: false),
                    domainname = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    fullname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    internalemailaddress = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    businessunitid = table.Column<Guid>(type: "uuid", nullable: false),
                    isdisabled = table.Column<bool>(type: "boolean", nullable: false),
                    applicationid = table.Column<Guid>(type: "uuid", nullable: true),
                    azureactivedirectoryobjectid = table.Column<Guid>(type: "uuid", nullable: true),
                    emailrouteraccessapproval = table.Column<int>(type: "integer", nullable: false),
                    incomingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    outgoingemaildeliverymethod = table.Column<int>(type: "integer", nullable: false),
                    defaultmailbox = table.Column<Guid>(type: "uuid", nullable: true),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systemuser", x => x.systemuserid);
                });

            migrationBuilder.CreateTable(
                name: "systemuserroles",
                columns: table => new
                {
                    SystemUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systemuserroles", x => new { x.SystemUserId, x.RoleId });
                });

            migrationBuilder.CreateTable(
                name: "team",
                columns: table => new
                {
                    teamid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    businessunitid = table.Column<Guid>(type: "uuid", nullable: false),
                    teamtype = table.Column<int>(type: "integer", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team", x => x.teamid);
                });

            migrationBuilder.CreateTable(
                name: "teammembership",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teammembership", x => new { x.TeamId, x.SystemUserId });
                });

            migrationBuilder.CreateTable(
                name: "teamroles",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamroles", x => new { x.TeamId, x.RoleId });
                });

            migrationBuilder.CreateTable(
                name: "tracelog",
                columns: table => new
                {
                    tracelogid = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    tracecode = table.Column<int>(type: "integer", nullable: true),
                    errordetails = table.Column<string>(type: "text", nullable: true),
                    tracestatus = table.Column<bool>(type: "boolean", nullable: false),
                    regardingobjectid = table.Column<Guid>(type: "uuid", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "text", nullable: true),
                    machinename = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
