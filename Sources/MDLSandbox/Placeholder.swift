// The sandbox: issuing authority, registrar, wallet, status service.
