using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignInLockoutsAndSecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "directoryuser",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "signinlockout",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FailureCount = table.Column<int>(type: "integer", nullable: false),
                    WindowStartedOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signinlockout", x => x.UserName);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signinlockout");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "directoryuser");
        }
    }
}
