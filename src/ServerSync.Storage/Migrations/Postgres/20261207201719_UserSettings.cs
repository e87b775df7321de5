using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
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
                    systemuserid = table.Column<Guid>(type: "uuid", nullable: false),
                    issendasallowed = table.Column<bool>(type: "boolean", nullable: false),
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
                    table.PrimaryKey("PK_usersettings", x => x.systemuserid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_usersettings_environmentid",
                table: "usersettings",
                column: "environmentid");

            // Every user of an earlier version gets the settings row a new user starts with: no send-as consent.
            migrationBuilder.Sql("""
                INSERT INTO usersettings (systemuserid, issendasallowed, environmentid, versionnumber, createdon, modifiedon, ownerid, owneridtype, owningbusinessunit)
                SELECT systemuserid, false, environmentid, 1, createdon, createdon, systemuserid, 'systemuser', businessunitid FROM systemuser;
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
