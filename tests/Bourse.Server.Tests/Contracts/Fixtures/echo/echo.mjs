// Prints its arguments (one a line) and $BOURSE_ECHO on stdout, "to stderr" on stderr, then exits with $BOURSE_EXIT
// (default 0); with the argument "hang" it never ends (for the timeout test).
for (const argument of process.argv.slice(2)) console.log(argument);
console.log(process.env.BOURSE_ECHO ?? "");
console.error("to stderr");
if (process.argv.includes("hang")) setInterval(() => {}, 1000);
else process.exitCode = Number(process.env.BOURSE_EXIT ?? "0");
