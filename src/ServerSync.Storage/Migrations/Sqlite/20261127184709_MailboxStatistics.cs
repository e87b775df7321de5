using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
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
                    mailboxstatisticsid = table.Column<Guid>(type: "TEXT", nullable: false),
                    mailboxid = table.Column<Guid>(type: "TEXT", nullable: false),
                    operationtypeid = table.Column<int>(type: "INTEGER", nullable: false),
                    itemsprocessed = table.Column<int>(type: "INTEGER", nullable: false),
                    itemsfailed = table.Column<int>(type: "INTEGER", nullable: false),
                    processresult = table.Column<bool>(type: "INTEGER", nullable: false),
                    machinename = table.Column<string>(type: "TEXT", maxLength: 160, nullable: true),
                    mailboxprocessstartedon = table.Column<long>(type: "INTEGER", nullable: false),
                    mailboxprocesscompletedon = table.Column<long>(type: "INTEGER", nullable: false),
                    synclatencycount = table.Column<int>(type: "INTEGER", nullable: false),
                    synclatencytotalms = table.Column<long>(type: "INTEGER", nullable: false),
                    synclatencymaxms = table.Column<long>(type: "INTEGER", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    versionnumber = table.Column<long>(type: "INTEGER", nullable: false),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false),
                    modifiedon = table.Column<long>(type: "INTEGER", nullable: false)
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
