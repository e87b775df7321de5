using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "incomingemailfilteringmethod",
                table: "systemuser",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "trackingnumber",
                table: "systemuser",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "nexttrackingnumber",
                table: "organization",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "hostid",
                table: "mailbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "incomingsyncstate",
                table: "mailbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "incomingsyncstatekey",
                table: "mailbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "itemsfailedforlastsync",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "itemsprocessedforlastsync",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lastsuccessfulsynccompletedon",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lastsyncerror",
                table: "mailbox",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lastsyncerrorcode",
                table: "mailbox",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lastsyncerrorcount",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lastsyncerroroccurredon",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lastsyncstartedon",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "noemailcount",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "outgoingtransientfailurecount",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "postponemailboxprocessinguntil",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "postponesendinguntil",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "processedtimes",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "receivingpostponeduntil",
                table: "mailbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "transientfailurecount",
                table: "mailbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "account",
                columns: table => new
                {
                    accountid = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    emailaddress1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress3 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
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
                    table.PrimaryKey("PK_account", x => x.accountid);
                });

            migrationBuilder.CreateTable(
                name: "activitymimeattachment",
                columns: table => new
                {
                    activitymimeattachmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    objectid = table.Column<Guid>(type: "uuid", nullable: false),
                    objecttypecode = table.Column<string>(type: "text", nullable: false),
                    filename = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    mimetype = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    filesize = table.Column<int>(type: "integer", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    attachmentcontentid = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
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
                    table.PrimaryKey("PK_activitymimeattachment", x => x.activitymimeattachmentid);
                });

            migrationBuilder.CreateTable(
                name: "activityparty",
                columns: table => new
                {
                    activitypartyid = table.Column<Guid>(type: "uuid", nullable: false),
                    activityid = table.Column<Guid>(type: "uuid", nullable: false),
                    participationtypemask = table.Column<int>(type: "integer", nullable: false),
                    partyid = table.Column<Guid>(type: "uuid", nullable: true),
                    partyobjecttypecode = table.Column<string>(type: "text", nullable: true),
                    addressused = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
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
                    table.PrimaryKey("PK_activityparty", x => x.activitypartyid);
                });

            migrationBuilder.CreateTable(
                name: "contact",
                columns: table => new
                {
                    contactid = table.Column<Guid>(type: "uuid", nullable: false),
                    firstname = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    lastname = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    fullname = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    emailaddress1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress3 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
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
                    table.PrimaryKey("PK_contact", x => x.contactid);
                });

            migrationBuilder.CreateTable(
                name: "email",
                columns: table => new
                {
                    activityid = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    statuscode = table.Column<int>(type: "integer", nullable: false),
                    directioncode = table.Column<bool>(type: "boolean", nullable: false),
                    messageid = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    messageiddupcheck = table.Column<Guid>(type: "uuid", nullable: true),
                    inreplyto = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    conversationindex = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    trackingtoken = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    correlationmethod = table.Column<int>(type: "integer", nullable: false),
                    regardingobjectid = table.Column<Guid>(type: "uuid", nullable: true),
                    regardingobjecttypecode = table.Column<string>(type: "text", nullable: true),
                    parentactivityid = table.Column<Guid>(type: "uuid", nullable: true),
                    receivingmailboxid = table.Column<Guid>(type: "uuid", nullable: true),
                    sendermailboxid = table.Column<Guid>(type: "uuid", nullable: true),
                    acceptingentityid = table.Column<Guid>(type: "uuid", nullable: true),
                    acceptingentitytypecode = table.Column<string>(type: "text", nullable: true),
                    deliveryattempts = table.Column<int>(type: "integer", nullable: false),
                    notifications = table.Column<int>(type: "integer", nullable: false),
                    deliveryprioritycode = table.Column<int>(type: "integer", nullable: false),
                    sender = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    torecipients = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    senton = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attachmentcount = table.Column<int>(type: "integer", nullable: false),
                    savedtosentfolder = table.Column<bool>(type: "boolean", nullable: false),
                    postponesendinguntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
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
                    table.PrimaryKey("PK_email", x => x.activityid);
                });

            migrationBuilder.CreateTable(
                name: "lead",
                columns: table => new
                {
                    leadid = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    firstname = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    lastname = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    fullname = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    companyname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    emailaddress3 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
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
                    table.PrimaryKey("PK_lead", x => x.leadid);
                });

            migrationBuilder.CreateTable(
                name: "queueitem",
                columns: table => new
                {
                    queueitemid = table.Column<Guid>(type: "uuid", nullable: false),
                    queueid = table.Column<Guid>(type: "uuid", nullable: false),
                    objectid = table.Column<Guid>(type: "uuid", nullable: false),
                    objecttypecode = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    enteredon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statecode = table.Column<int>(type: "integer", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queueitem", x => x.queueitemid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_environmentid",
                table: "account",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_account_environmentid_emailaddress1",
                table: "account",
                columns: new[] { "environmentid", "emailaddress1" });

            migrationBuilder.CreateIndex(
                name: "IX_activitymimeattachment_environmentid",
                table: "activitymimeattachment",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_activitymimeattachment_objectid",
                table: "activitymimeattachment",
                column: "objectid");

            migrationBuilder.CreateIndex(
                name: "IX_activityparty_activityid",
                table: "activityparty",
                column: "activityid");

            migrationBuilder.CreateIndex(
                name: "IX_activityparty_environmentid",
                table: "activityparty",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_activityparty_environmentid_addressused",
                table: "activityparty",
                columns: new[] { "environmentid", "addressused" });

            migrationBuilder.CreateIndex(
                name: "IX_contact_environmentid",
                table: "contact",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_contact_environmentid_emailaddress1",
                table: "contact",
                columns: new[] { "environmentid", "emailaddress1" });

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid",
                table: "email",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_conversationindex",
                table: "email",
                columns: new[] { "environmentid", "conversationindex" });

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_messageiddupcheck",
                table: "email",
                columns: new[] { "environmentid", "messageiddupcheck" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_statuscode",
                table: "email",
                columns: new[] { "environmentid", "statuscode" });

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_trackingtoken",
                table: "email",
                columns: new[] { "environmentid", "trackingtoken" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_environmentid",
                table: "lead",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_lead_environmentid_emailaddress1",
                table: "lead",
                columns: new[] { "environmentid", "emailaddress1" });

            migrationBuilder.CreateIndex(
                name: "IX_queueitem_environmentid",
                table: "queueitem",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_queueitem_queueid_objectid",
                table: "queueitem",
                columns: new[] { "queueid", "objectid" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account");

            migrationBuilder.DropTable(
                name: "activitymimeattachment");

            migrationBuilder.DropTable(
                name: "activityparty");

            migrationBuilder.DropTable(
                name: "contact");

            migrationBuilder.DropTable(
                name: "email");

            migrationBuilder.DropTable(
                name: "lead");

            migrationBuilder.DropTable(
                name: "queueitem");

            migrationBuilder.DropColumn(
                name: "incomingemailfilteringmethod",
                table: "systemuser");

            migrationBuilder.DropColumn(
                name: "trackingnumber",
                table: "systemuser");

            migrationBuilder.DropColumn(
                name: "nexttrackingnumber",
                table: "organization");

            migrationBuilder.DropColumn(
                name: "hostid",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "incomingsyncstate",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "incomingsyncstatekey",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "itemsfailedforlastsync",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "itemsprocessedforlastsync",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsuccessfulsynccompletedon",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsyncerror",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsyncerrorcode",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsyncerrorcount",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsyncerroroccurredon",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "lastsyncstartedon",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "noemailcount",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "outgoingtransientfailurecount",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "postponemailboxprocessinguntil",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "postponesendinguntil",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "processedtimes",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "receivingpostponeduntil",
                table: "mailbox");

            migrationBuilder.DropColumn(
                name: "transientfailurecount",
                table: "mailbox");
        }
    }
}
