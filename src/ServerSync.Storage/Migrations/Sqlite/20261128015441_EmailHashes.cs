using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emailhash",
                columns: table => new
                {
                    activityid = table.Column<Guid>(type: "TEXT", nullable: false),
                    environmentid = table.Column<Guid>(type: "TEXT", nullable: false),
                    subjecthash = table.Column<Guid>(type: "TEXT", nullable: true),
                    createdon = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emailhash", x => x.activityid);
                    table.ForeignKey(
                        name: "FK_emailhash_email_activityid",
                        column: x => x.activityid,
                        principalTable: "email",
                        principalColumn: "activityid",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emailhash_subjecthash_createdon",
                table: "emailhash",
                columns: new[] { "subjecthash", "createdon" });

            migrationBuilder.Sql(EmailHashUpgrade.MarkExistingEmailsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emailhash");
        }
    }
}
