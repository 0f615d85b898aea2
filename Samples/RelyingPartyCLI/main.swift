print("mdl-rp")
