using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MailboxStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mailboxstatistics",
                columns: table => new
                {
                    mailboxstatisticsid = table.Column<Guid>(type: "uuid", nullable: false),
                    mailboxid = table.Column<Guid>(type: "uuid", nullable: false),
                    operationtypeid = table.Column<int>(type: "integer", nullable: false),
                    itemsprocessed = table.Column<int>(type: "integer", nullable: false),
                    itemsfailed = table.Column<int>(type: "integer", nullable: false),
                    processresult = table.Column<bool>(type: "boolean", nullable: false),
                    machinename = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    mailboxprocessstartedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mailboxprocesscompletedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synclatencycount = table.Column<int>(type: "integer", nullable: false),
                    synclatencytotalms = table.Column<long>(type: "bigint", nullable: false),
                    synclatencymaxms = table.Column<long>(type: "bigint", nullable: false),
                    environmentid = table.Column<Guid>(type: "uuid", nullable: false),
                    versionnumber = table.Column<long>(type: "bigint", nullable: false),
                    createdon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifiedon = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailboxstatistics", x => x.mailboxstatisticsid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mailboxstatistics_environmentid",
                table: "mailboxstatistics",
                column: "environmentid");

            migrationBuilder.CreateIndex(
                name: "IX_mailboxstatistics_environmentid_mailboxprocesscompletedon",
                table: "mailboxstatistics",
                columns: new[] { "environmentid", "mailboxprocesscompletedon" });

            migrationBuilder.CreateIndex(
                name: "IX_mailboxstatistics_mailboxprocesscompletedon",
                table: "mailboxstatistics",
                column: "mailboxprocesscompletedon");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mailboxstatistics");
        }
    }
}
