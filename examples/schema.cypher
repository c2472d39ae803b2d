// Schema checks run by the deployment script.
SHOW INDEXES;
