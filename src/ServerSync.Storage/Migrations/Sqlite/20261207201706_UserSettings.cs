using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UserSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usersettings",
                columns: table => new
                {
                    systemuserid = table.Column<Guid>(type: "TEXT", nullable: false),
                    issendasallowed = table.Column<bool>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("PK_usersettings", x => x.systemuserid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_usersettings_environmentid",
                table: "usersettings",
                column: "environmentid");

            // Every user of an earlier version gets the settings row a new user starts with: no send-as consent.
            migrationBuilder.Sql("""
                INSERT INTO usersettings (systemuserid, issendasallowed, environmentid, versionnumber, createdon, modifiedon, ownerid, owneridtype, owningbusinessunit)
                SELECT systemuserid, 0, environmentid, 1, createdon, createdon, systemuserid, 'systemuser', businessunitid FROM systemuser;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "usersettings");
        }
    }
}
