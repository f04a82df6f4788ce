// Jest setupFiles for the "Functions worker" project (jest.config.js): every API process a
// suite starts is the deployable package under the host-and-worker stand-in.
process.env.SMARTCITY_TEST_HOST = "worker";
