# The ficledger image: the API (`ficledger serve`) and the projection worker (`ficledger project`).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain domain
COPY application application
COPY interfaces interfaces
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["ficledger", "serve", "--host", "0.0.0.0", "--port", "8000"]
